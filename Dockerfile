# dsconv explorer: one app replica (CPU only). Build: docker build -t dsconv-explorer .
# Run one: docker run -p 8501:8501 dsconv-explorer   |   N behind nginx: docker compose up (compose.yaml)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DSCONV_CHROMIUM=/usr/bin/chromium

# Chromium + a CJK font: PNG export of figures (kaleido drives the local browser, offline) and 中文 text in it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

# The CPU build of torch first (the default index would pull the multi-GB CUDA build), then the rest.
RUN python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY requirements.txt /tmp/requirements.txt
RUN python -m pip install -r /tmp/requirements.txt

# Non-root user (uid 1000, which Hugging Face Spaces also expects); MNIST for the Train page is read from
# /data/mnist when mounted there (or downloaded into ~/.cache/dsconv/mnist when the machine is online).
RUN useradd --create-home --uid 1000 dsconv
ENV DSCONV_MNIST_DIR=/data/mnist
WORKDIR /app
COPY --chown=dsconv:dsconv . /app
USER dsconv

EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"

# .streamlit/config.toml holds the classroom settings (headless, no file watcher, no telemetry).
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
