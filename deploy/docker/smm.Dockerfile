# syntax=docker/dockerfile:1
#
# One image for the whole platform: the four services, the web app, the sandbox, the gateway
# and the operator CLI (`smm migrate`, `smm topics`). pyproject.toml installs every package
# together, so one image keeps migrations, topics and services on the same code; compose and
# Kubernetes pick the process with `command:`.
#
#   docker build -f deploy/docker/smm.Dockerfile -t smm-platform:local .
#
# Layers: (1) dependencies, read from pyproject.toml and requirements.lock alone (runtime
# only: the [local] and [test] extras never enter the image), so editing code does not
# reinstall them; (2) our wheel, built in a throw-away stage; (3) the runtime, with no
# source tree, no compiler and a non-root user (uid 10001, as the Kubernetes manifests
# expect). The root filesystem can be mounted read-only: only /tmp must be writable.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS deps
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore
WORKDIR /src
# Only what decides the dependency set: this layer survives every code change.
COPY deploy/docker/install_deps.py /usr/local/lib/smm/install_deps.py
COPY pyproject.toml requirements.lock ./
RUN python /usr/local/lib/smm/install_deps.py pyproject.toml

FROM deps AS build
COPY libs/ libs/
COPY services/ services/
COPY sandbox/ sandbox/
RUN pip wheel --no-deps --no-build-isolation --wheel-dir /wheels .

FROM deps AS runtime
LABEL org.opencontainers.image.title="smm-platform" \
      org.opencontainers.image.description="SMM platform: planner, publisher, metrics, attribution, web, sandbox, gateway and the smm CLI"
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-deps /wheels/*.whl \
 && groupadd --system --gid 10001 smm \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin smm \
 && rm -rf /src \
 && mkdir -p /app
# The front door's route table (smmkit.gateway: `python -m smmkit.gateway`).
COPY deploy/routes.yaml /etc/smm/routes.yaml
# Nothing here is written at run time (.env is never baked in: configuration is the environment).
WORKDIR /app
ENV HOME=/tmp \
    GATEWAY_ROUTES=/etc/smm/routes.yaml
USER 10001:10001
EXPOSE 8000 8001 8002 8003 8004 8010-8026 8080
CMD ["smm", "--help"]
