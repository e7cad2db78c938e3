import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/**
 * Credentials that stop being valid: the real-time gateway disconnects the sockets that use
 * them at once (HTTP needs nothing: every request checks its credentials afresh).
 */
export type Revocation = { kind: 'token'; tokenId: number } | { kind: 'sessions'; idHashes: string[] } | { kind: 'user'; userId: number };

@Injectable()
export class AuthEvents {
  private readonly emitter = new EventEmitter();

  revoked(revocation: Revocation): void {
    this.emitter.emit('revoked', revocation);
  }

  onRevoked(listener: (revocation: Revocation) => void): () => void {
    this.emitter.on('revoked', listener);
    return () => this.emitter.off('revoked', listener);
  }
}
