"""The clients one ingest process holds for its lifetime."""

from dataclasses import dataclass

from aiokafka import AIOKafkaProducer
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from services.ingest.publisher import ReviewPublisher
from vigie.mongo import Document
from vigie.settings import Settings


@dataclass
class IngestState:
    settings: Settings
    producer: AIOKafkaProducer
    client: AsyncMongoClient[Document]
    database: AsyncDatabase[Document]
    publisher: ReviewPublisher
