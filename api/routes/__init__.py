"""HTTP routers, one module per concern, included by api/app.py."""
