"""Platform connectors: map each platform's payload to the generic review shape."""
