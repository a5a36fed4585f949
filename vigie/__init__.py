"""Code shared by every Vigie service: settings, logging, Kafka and MongoDB helpers, metrics."""
