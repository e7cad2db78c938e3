import { Inject, Injectable } from '@nestjs/common';
import type { ApiToken, CreatedToken, CreateTokenRequest, Principal } from '@sentinel/shared';
import { AuditService } from '../audit/audit.service';
import type { ApiTokenEntity } from '../database/entities';
import { TAXONOMY_LOOKUP, TaxonomyLookup } from '../tagging/taxonomy-lookup';
import { AuthEvents } from './auth-events';
import { AuthRepository } from './auth.repository';
import { randomSecret, sha256 } from './secrets';
import { InvalidInputError, NotFoundError } from '../common/domain-error';

/** Bearer tokens for walls and integrations. The secret is returned once, at creation, and stored hashed. */
@Injectable()
export class TokensService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly audit: AuditService,
    private readonly events: AuthEvents,
    @Inject(TAXONOMY_LOOKUP) private readonly taxonomy: TaxonomyLookup,
  ) {}

  async create(caller: Principal, request: CreateTokenRequest): Promise<CreatedToken> {
    const regions = [...new Set(request.regions ?? [])];
    const topics = [...new Set(request.topics ?? [])];
    for (const region of regions) if (!this.taxonomy.resolveRegion(region)) throw new InvalidInputError(`regions: unknown region "${region}"; use an ISO country code or a macro-region id (GET /api/taxonomy)`);
    for (const topic of topics) if (!this.taxonomy.isTopic(topic)) throw new InvalidInputError(`topics: unknown topic "${topic}" (GET /api/taxonomy lists them)`);
    const now = Date.now();
    const expiresAt = request.expiresAt === undefined ? null : Date.parse(request.expiresAt);
    if (expiresAt !== null && !(expiresAt > now)) throw new InvalidInputError('expiresAt must be in the future');
    const secret = randomSecret('swt_');
    const token = await this.repository.insertToken({
      tokenHash: sha256(secret),
      name: request.name.trim(),
      role: request.role,
      regions: JSON.stringify(regions),
      topics: JSON.stringify(topics),
      createdBy: caller.kind === 'user' ? caller.userId : null,
      createdAt: now,
      expiresAt,
      lastUsedAt: null,
    });
    const scope = regions.length || topics.length ? `, scope ${[...regions, ...topics].join(', ')}` : '';
    await this.audit.record(caller, { action: 'token.create', subjectType: 'token', subjectId: token.id, detail: `"${token.name}" as ${token.role}${scope}` });
    return { id: token.id, token: secret };
  }

  async list(): Promise<ApiToken[]> {
    return (await this.repository.listTokens()).map(toApiToken);
  }

  /** Revokes at once: the next HTTP request with it gets 401, and its sockets are disconnected. */
  async revoke(caller: Principal, id: number): Promise<void> {
    const token = await this.repository.tokenById(id);
    if (!token || !(await this.repository.deleteToken(id))) throw new NotFoundError(`token ${id} does not exist`);
    this.events.revoked({ kind: 'token', tokenId: id });
    await this.audit.record(caller, { action: 'token.revoke', subjectType: 'token', subjectId: id, detail: `"${token.name}"` });
  }
}

function toApiToken(token: ApiTokenEntity): ApiToken {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    regions: JSON.parse(token.regions) as string[],
    topics: JSON.parse(token.topics) as string[],
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
    lastUsedAt: token.lastUsedAt === null ? null : new Date(token.lastUsedAt).toISOString(),
    createdBy: token.createdBy,
  };
}
