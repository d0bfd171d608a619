import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Service URLs are a few per channel; a bound keeps made-up ones (unauthenticated mode) from piling up. */
const MAX_CLIENTS = 100;

/**
 * botbuilder's authentication as configured, except that the connector client (the HTTP client
 * and credentials a turn's replies and proactive messages go out through) is built once per
 * service URL, app id and audience, and then reused: the stock one builds a new one on every
 * turn. Its credentials fetch and cache their own tokens, so sharing them is what they are for.
 * The same holds for the user token client (sign-in prompts), which the stock adapter also builds
 * on every turn though it depends on the bot's app id only.
 */
export class ReusedConnectorClients extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return this.withReusing(result);
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    return this.withReusing(result);
  }

  private withReusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (result.connectorFactory === undefined) return result;
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // The stock client depends on the app id alone (the audience claim, else the app id claim).
    const appId = audienceOrAppId(claimsIdentity);
    return reuse(this.userTokenClients, appId, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    const clients = this.clients;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
        return reuse(clients, key, () => factory.create(serviceUrl, audience));
      }
    })();
  }
}

/** The client kept under `key`, built by `build` the first time; a failed build is not kept. */
function reuse<T>(cache: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  let client = cache.get(key);
  if (client === undefined) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value as string);
    client = build();
    cache.set(key, client);
    // The next turn tries again.
    client.catch(() => cache.delete(key));
  }
  return client;
}

/** The app id botbuilder's own user token client is built for. */
function audienceOrAppId(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
