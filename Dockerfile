# syntax=docker/dockerfile:1
#
# One image for the four Vigie services; the command picks the service:
#   python -m services.ingest.main     (port 8081)
#   python -m services.scoring.main    (faust worker, web port 8082)
#   python -m services.notifier.main   (port 8083)
#   python -m services.api.main        (port 8080, the default command)
# Build from the repository root: docker build -t vigie .

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/vigie

WORKDIR /src
COPY pyproject.toml constraints.txt ./
COPY contracts ./contracts
COPY services ./services
COPY vigie ./vigie
# constraints.txt pins every dependency to the versions the test suite ran with.
RUN /opt/vigie/bin/pip install --constraint constraints.txt .


FROM ${PYTHON_IMAGE} AS runtime

ENV PATH=/opt/vigie/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIGIE_ENVIRONMENT=production \
    VIGIE_LOG_FORMAT=json \
    VIGIE_VAR_DIR=/var/lib/vigie \
    VIGIE_INGEST_HOST=0.0.0.0 \
    VIGIE_SCORING_WEB_HOST=0.0.0.0 \
    VIGIE_NOTIFIER_HOST=0.0.0.0 \
    VIGIE_API_HOST=0.0.0.0

RUN groupadd --system --gid 10001 vigie \
    && useradd --system --uid 10001 --gid vigie --no-create-home --shell /usr/sbin/nologin vigie \
    && mkdir -p /var/lib/vigie \
    && chown vigie:vigie /var/lib/vigie

COPY --from=build /opt/vigie /opt/vigie

WORKDIR /var/lib/vigie
# A numeric user lets Kubernetes check runAsNonRoot without reading /etc/passwd.
USER 10001:10001

EXPOSE 8080 8081 8082 8083
CMD ["python", "-m", "services.api.main"]
