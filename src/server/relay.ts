/**
 * What the registry does with a message from a peer already in a session: relay signalling and node-protocol
 * messages and binary frames to another peer of the same session, stamped with the sender's id, or act on
 * leave, kick and end. A destination that is not in the session is answered with `dropped`, never reached.
 */
import { decodeFrame, encodeFrame } from '../session/frames';
import { DROPPED_BUSY, type ClientMessage, type PeerId, type ServerMessage } from '../session/messages';
import type { SessionRegistry } from './registry';
import { type Connection, findPeer, type Peer } from './session';

type Dropped = Extract<ServerMessage, { type: 'dropped' }>;

export function handleSessionMessage(registry: SessionRegistry, c: Connection, message: ClientMessage): void {
  const session = c.session!;
  const self = c.peer!;
  const isHost = self.id === 'host';
  switch (message.type) {
    case 'leave':
      return registry.drop(c, 'left');
    case 'end':
      if (!isHost) return registry.drop(c, 'badMessage', 'only the host may end the session');
      return registry.endSession(session, 'sessionEnded');
    case 'kick': {
      if (!isHost) return registry.drop(c, 'badMessage', 'only the host may remove a member');
      const target = session.members.get(message.member);
      if (!target?.main) return dropped(registry, c, 'kick', message.member, 'no such member in this session');
      return registry.drop(target.main, 'kicked');
    }
    case 'signal': {
      const target = destination(registry, c, 'signal', message.to);
      if (target) forward(registry, c, 'signal', target, target.main, { type: 'signal', from: self.id, data: message.data });
      return;
    }
    case 'node': {
      if (isHost === (message.to === 'host')) return dropped(registry, c, 'node', message.to, 'node messages go between the host and a member');
      const target = destination(registry, c, 'node', message.to);
      if (target) forward(registry, c, 'node', target, target.main, { type: 'node', from: self.id, body: message.body });
      return;
    }
    default:
      return registry.drop(c, 'badMessage', `'${message.type}' is a first message only`);
  }
}

export function handleFrame(registry: SessionRegistry, c: Connection, data: Uint8Array): void {
  const frame = decodeFrame(data, registry.limits.maxFramePayloadBytes);
  if (!frame.ok) return registry.drop(c, 'badFrame', frame.reason);
  const target = destination(registry, c, 'frame', frame.peer);
  if (target) forward(registry, c, 'frame', target, target.data ?? target.main, encodeFrame(c.peer!.id, frame.payload));
}

/** Relays, or tells the sender the message was dropped because the destination's queue is full. */
function forward(registry: SessionRegistry, c: Connection, of: Dropped['of'], target: Peer, via: Connection | null, message: ServerMessage | Uint8Array): void {
  if (!registry.send(via, message)) dropped(registry, c, of, target.id, DROPPED_BUSY);
}

/** The connected peer `to` of the sender's session other than the sender, or null after telling the sender why not. */
function destination(registry: SessionRegistry, c: Connection, of: Dropped['of'], to: PeerId): Peer | null {
  const target = findPeer(c.session!, to);
  if (!target || !target.main) {
    dropped(registry, c, of, to, 'no such peer connected in this session');
    return null;
  }
  if (target === c.peer) {
    dropped(registry, c, of, to, 'a peer cannot send to itself');
    return null;
  }
  return target;
}

function dropped(registry: SessionRegistry, c: Connection, of: Dropped['of'], to: PeerId, reason: string): void {
  // Answers go to the sender's main connection, also for frames sent on its data connection.
  registry.send(c.peer!.main, { type: 'dropped', of, to, reason });
}
