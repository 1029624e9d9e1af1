"""Sign-in with the company's identity provider over OpenID Connect: the authorisation code
flow with PKCE (Authlib), the ID token checked against the provider's keys (joserfc):
issuer, audience, expiry and the nonce of this very attempt."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

SCOPES = "openid email profile"
ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"]


class OidcRefused(Exception):
    """The provider's answer cannot sign anyone in; the message says why (for the log and
    the page, never with a token in it)."""


@dataclass(frozen=True, slots=True)
class PendingSignIn:
    """What the browser carries (signed, in a cookie) from the start to the callback."""

    state: str
    nonce: str
    verifier: str
    back_to: str


@dataclass(frozen=True, slots=True)
class Identity:
    subject: str
    email: str
    email_verified: bool
    name: str


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str


class OidcClient:
    def __init__(self, settings: OidcSettings, timeout: float = 10.0) -> None:
        self.settings = settings
        self._timeout = timeout
        self._metadata: dict[str, Any] | None = None

    def _discovered(self) -> dict[str, Any]:
        if self._metadata is None:
            url = f"{self.settings.issuer.rstrip('/')}/.well-known/openid-configuration"
            try:
                answer = httpx.get(url, timeout=self._timeout)
                answer.raise_for_status()
                metadata = answer.json()
            except (httpx.HTTPError, ValueError) as error:
                raise OidcRefused(f"the identity provider's configuration: {error}") from None
            if metadata.get("issuer") != self.settings.issuer:
                raise OidcRefused("the identity provider names another issuer")
            needed = ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")
            if missing := [name for name in needed if not metadata.get(name)]:
                raise OidcRefused(f"the identity provider's configuration lacks {missing}")
            self._metadata = metadata
        return self._metadata

    def _session(self, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(
            self.settings.client_id,
            self.settings.client_secret,
            scope=SCOPES,
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )

    def start(
        self, redirect_uri: str, back_to: str, login_hint: str = ""
    ) -> tuple[str, PendingSignIn]:
        """Where to send the browser, and what to keep until it comes back."""
        pending = PendingSignIn(
            secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48), back_to
        )
        extra = {"login_hint": login_hint} if login_hint else {}
        url, _ = self._session(redirect_uri).create_authorization_url(
            self._discovered()["authorization_endpoint"],
            state=pending.state,
            nonce=pending.nonce,
            code_verifier=pending.verifier,
            **extra,
        )
        return url, pending

    def finish(self, redirect_uri: str, code: str, pending: PendingSignIn) -> Identity:
        """The identity behind ``code``; ``OidcRefused`` for anything that does not check out."""
        metadata = self._discovered()
        session = self._session(redirect_uri)
        try:
            token = session.fetch_token(
                metadata["token_endpoint"],
                code=code,
                code_verifier=pending.verifier,
                timeout=self._timeout,
            )
            keys = httpx.get(metadata["jwks_uri"], timeout=self._timeout)
            keys.raise_for_status()
            key_set = KeySet.import_key_set(keys.json())
            decoded = jwt.decode(str(token["id_token"]), key_set, algorithms=ALGORITHMS)
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.settings.issuer},
                aud={"essential": True, "value": self.settings.client_id},
                nonce={"essential": True, "value": pending.nonce},
                sub={"essential": True},
                exp={"essential": True},
            ).validate(decoded.claims)
            userinfo = session.get(metadata["userinfo_endpoint"], timeout=self._timeout)
            userinfo.raise_for_status()
            claims = userinfo.json()
        except (OSError, httpx.HTTPError, AuthlibBaseError, JoseError, KeyError, ValueError) as e:
            raise OidcRefused(f"the identity provider's answer: {type(e).__name__}") from None
        if len(str(decoded.claims["sub"])) > 255:  # OIDC Core: at most 255 ASCII characters
            raise OidcRefused("the identity provider's subject is too long")
        if claims.get("sub") != decoded.claims["sub"]:
            raise OidcRefused("the identity provider's user information is about someone else")
        return Identity(
            subject=str(decoded.claims["sub"]),
            email=str(claims.get("email") or ""),
            email_verified=claims.get("email_verified") is True,
            name=str(claims.get("name") or ""),
        )
