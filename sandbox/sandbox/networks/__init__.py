"""One module per imitated network; each exposes ``router`` (mounted under /<network>)."""

from fastapi import APIRouter

from sandbox.networks import (
    bluesky,
    facebook,
    instagram,
    linkedin,
    mastodon,
    telegram,
    threads,
    vk,
    x,
)

ROUTERS: dict[str, APIRouter] = {
    "telegram": telegram.router,
    "vk": vk.router,
    "mastodon": mastodon.router,
    "bluesky": bluesky.router,
    "x": x.router,
    "facebook": facebook.router,
    "instagram": instagram.router,
    "linkedin": linkedin.router,
    "threads": threads.router,
}
NETWORKS = tuple(ROUTERS)
