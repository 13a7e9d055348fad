"""Deployment helpers: deploy/local_cluster.py starts the compose topology from local processes."""
