"""Uploads of .eml files, WhatsApp and SMS chat exports, and bulk imports from other tools."""
