"""Event and API contracts shared by every Vigie service.

Topic names, event models and their JSON Schemas are declared here once. Schemas
under `contracts/schemas/` are generated from these models by
`python -m contracts.generate` and checked by the test suite.
"""
