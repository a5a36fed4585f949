"""Tenant-scoped data access: every query this module runs filters by the caller's tenant.

Routes never query collections directly, so an id that belongs to another tenant is simply not found.
"""

from pymongo import DESCENDING
from pymongo.asynchronous.database import AsyncDatabase

from vigie.mongo import Document


class TenantRepository:
    def __init__(self, database: AsyncDatabase[Document], tenant_id: str):
        self._database = database
        self.tenant_id = tenant_id

    def _scoped(self, query: dict[str, object]) -> dict[str, object]:
        return {**query, "tenant_id": self.tenant_id}

    async def find_page(
        self, collection: str, query: dict[str, object], sort_field: str, limit: int
    ) -> list[Document]:
        cursor = (
            self._database[collection]
            .find(self._scoped(query))
            .sort([(sort_field, DESCENDING), ("_id", DESCENDING)])
            .limit(limit)
        )
        return [document async for document in cursor]

    async def find_one(self, collection: str, document_id: str) -> Document | None:
        return await self._database[collection].find_one(self._scoped({"_id": document_id}))
