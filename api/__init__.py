"""The top of policykg: settings, the CLI and the HTTP API (GraphQL, health, linked data)."""
