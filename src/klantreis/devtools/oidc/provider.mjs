// A real OpenID Connect provider for the tests: node-oidc-provider with one confidential
// client and the accounts it is given. Instead of a login form it signs in the account the
// authorisation request names in login_hint and grants what was asked (the tests drive it
// with plain HTTP); everything else (PKCE, codes, ID tokens, JWKS) is the library's own.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.ACCOUNTS || '{}'); // login -> claims (with sub)
const bySub = Object.fromEntries(Object.values(accounts).map((claims) => [claims.sub, claims]));

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['klantreis-tests-only'] },
  async findAccount(ctx, sub) {
    const claims = bySub[sub];
    return claims && { accountId: sub, claims: async () => ({ ...claims }) };
  },
});

const server = http.createServer(async (req, res) => {
  const match = new URL(req.url, issuer).pathname.match(/^\/interaction\/[^/]+$/);
  if (!match) return provider.callback()(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const claims = accounts[details.params.login_hint];
      if (!claims) {
        return provider.interactionFinished(req, res, {
          error: 'access_denied', error_description: 'no such account',
        });
      }
      return provider.interactionFinished(req, res, { login: { accountId: claims.sub } });
    }
    const grant = new provider.Grant({
      accountId: details.session.accountId, clientId: details.params.client_id,
    });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, {
      mergeWithLastSubmission: true,
    });
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
