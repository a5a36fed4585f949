"""Tenant-scoped data access: every query this module runs filters by the caller's tenant.

Routes never query collections directly, so an id that belongs to another tenant is simply not found.
"""

from collections.abc import Mapping, Sequence

from pymongo import DESCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase

from vigie.mongo import Document

SortSpec = Sequence[tuple[str, int]]


class TenantRepository:
    def __init__(self, database: AsyncDatabase[Document], tenant_id: str):
        self._database = database
        self.tenant_id = tenant_id

    def _scoped(self, query: Mapping[str, object]) -> dict[str, object]:
        return {**query, "tenant_id": self.tenant_id}

    async def find_page(
        self, collection: str, query: Mapping[str, object], sort_field: str, limit: int,
        direction: int = DESCENDING,
    ) -> list[Document]:
        cursor = (
            self._database[collection]
            .find(self._scoped(query))
            .sort([(sort_field, direction), ("_id", direction)])
            .limit(limit)
        )
        return [document async for document in cursor]

    async def find_many(
        self, collection: str, query: Mapping[str, object], sort: SortSpec = (("_id", DESCENDING),), limit: int = 0,
    ) -> list[Document]:
        cursor = self._database[collection].find(self._scoped(query)).sort(list(sort)).limit(limit)
        return [document async for document in cursor]

    async def find_one(self, collection: str, document_id: str) -> Document | None:
        return await self._database[collection].find_one(self._scoped({"_id": document_id}))

    async def find_by(self, collection: str, query: Mapping[str, object]) -> Document | None:
        return await self._database[collection].find_one(self._scoped(query))

    async def insert_one(self, collection: str, document: Document) -> None:
        await self._database[collection].insert_one({**document, "tenant_id": self.tenant_id})

    async def update_by(
        self, collection: str, query: Mapping[str, object], update: dict[str, object]
    ) -> Document | None:
        """Apply `update` to the tenant's matching document and return it as updated, or None if not found."""
        return await self._database[collection].find_one_and_update(
            self._scoped(query), update, return_document=ReturnDocument.AFTER
        )

    async def delete_by(self, collection: str, query: Mapping[str, object]) -> bool:
        result = await self._database[collection].delete_one(self._scoped(query))
        return result.deleted_count == 1

    async def update_many(self, collection: str, query: Mapping[str, object], update: dict[str, object]) -> int:
        result = await self._database[collection].update_many(self._scoped(query), update)
        return result.modified_count
