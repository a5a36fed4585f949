"""Forwarded blackmail emails: parsing, attachment storage and the inbound SMTP server."""
