// Gateway v10 over plain JSON text frames. No transport compression is ever negotiated
// (perMessageDeflate off); if a client asks for `compress=zlib-stream` we still send text frames,
// which @discordjs/ws parses directly because it only inflates binary frames.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Json } from './payloads.ts';

export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export interface DispatchRecord {
  s: number;
  t: string;
  d: unknown;
}

export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  /** Every dispatch of the session, kept so RESUME can replay what the client missed. */
  log: DispatchRecord[];
  connection: GatewayConnection | null;
  identify: Json;
}

export interface GatewayConnection {
  id: number;
  path: string;
  query: Record<string, string>;
  /** `Sec-WebSocket-Extensions` the client offered, and what was accepted (always '': no permessage-deflate). */
  offeredExtensions: string | null;
  acceptedExtensions: string;
  openedAt: number;
  closedAt: number | null;
  closeCode: number | null;
  /** 'hello' until IDENTIFY/RESUME succeeds. */
  state: 'hello' | 'ready' | 'closed';
  kind: 'identify' | 'resume' | null;
  session: GatewaySession | null;
  heartbeats: number;
  ws: WebSocket;
}

export interface ReceivedFrame {
  connectionId: number;
  at: number;
  op: number | null;
  d: unknown;
  raw: string;
}

export interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  resumeGatewayUrl(): string;
  buildReady(session: GatewaySession): Json;
  /** Dispatches that follow READY on a fresh session (GUILD_CREATE). */
  afterReady(session: GatewaySession): void;
  /** A close code (and reason) refusing this IDENTIFY after the token check (fatal-close faults, 4010, 4011), or null. */
  refuseIdentify(identify: Json): { code: number; reason: string } | null;
  notify(): void;
  log(line: string): void;
}

export class Gateway {
  readonly connections: GatewayConnection[] = [];
  readonly sessions = new Map<string, GatewaySession>();
  readonly received: ReceivedFrame[] = [];
  /** Everything sent to clients, including replays and raw frames. */
  readonly sent: { connectionId: number; at: number; payload: GatewayPayload | string }[] = [];
  activeSession: GatewaySession | null = null;
  /** The session each shard id identified last (shard 0 alone when the client does not shard). */
  readonly shardSessions = new Map<number, GatewaySession>();
  ackHeartbeats = true;

  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private nextConnectionId = 1;

  constructor(private readonly hooks: GatewayHooks) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req, url));
    });
  }

  /** The connection currently able to receive dispatches, if any. */
  get liveConnection(): GatewayConnection | null {
    const conn = this.activeSession?.connection;
    return conn && conn.state === 'ready' ? conn : null;
  }

  private onConnection(ws: WebSocket, req: IncomingMessage, url: URL): void {
    const conn: GatewayConnection = {
      id: this.nextConnectionId++,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      offeredExtensions: req.headers['sec-websocket-extensions'] ?? null,
      acceptedExtensions: ws.extensions,
      openedAt: Date.now(),
      closedAt: null,
      closeCode: null,
      state: 'hello',
      kind: null,
      session: null,
      heartbeats: 0,
      ws,
    };
    this.connections.push(conn);
    this.hooks.log(`gateway: connection #${conn.id} ${url.pathname}${url.search}`);
    ws.on('message', (data, isBinary) => this.onFrame(conn, data, isBinary));
    ws.on('close', (code) => {
      conn.state = 'closed';
      conn.closedAt = Date.now();
      conn.closeCode = code;
      if (conn.session && conn.session.connection === conn) conn.session.connection = null;
      this.hooks.log(`gateway: connection #${conn.id} closed (${code})`);
      this.hooks.notify();
    });
    // A client that disappears mid-frame must not take the emulator down with it.
    ws.on('error', (err) => this.hooks.log(`gateway: connection #${conn.id} error ${err.message}`));
    if (conn.query.encoding && conn.query.encoding !== 'json') {
      ws.close(4002, 'Only encoding=json is emulated');
      return;
    }
    this.send(conn, { op: Op.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } });
    this.hooks.notify();
  }

  private send(conn: GatewayConnection, payload: GatewayPayload | string): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    this.sent.push({ connectionId: conn.id, at: Date.now(), payload });
    conn.ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  private onFrame(conn: GatewayConnection, data: RawData, isBinary: boolean): void {
    const raw = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    let payload: GatewayPayload | null = null;
    try {
      const parsed: unknown = isBinary ? null : JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && typeof (parsed as GatewayPayload).op === 'number') payload = parsed as GatewayPayload;
    } catch {
      payload = null;
    }
    this.received.push({ connectionId: conn.id, at: Date.now(), op: payload?.op ?? null, d: payload?.d, raw });
    if (!payload) {
      conn.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case Op.Heartbeat:
        conn.heartbeats++;
        if (this.ackHeartbeats) this.send(conn, { op: Op.HeartbeatAck, d: null });
        break;
      case Op.Identify:
        this.onIdentify(conn, payload.d);
        break;
      case Op.Resume:
        this.onResume(conn, payload.d);
        break;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
      case Op.RequestSoundboardSounds:
        if (conn.state !== 'ready') conn.ws.close(4003, 'Not authenticated.');
        // Recorded in `received`; no emulated side effects.
        break;
      default:
        conn.ws.close(4001, 'Unknown opcode.');
    }
    this.hooks.notify();
  }

  private onIdentify(conn: GatewayConnection, d: unknown): void {
    if (conn.state === 'ready') {
      conn.ws.close(4005, 'Already authenticated.');
      return;
    }
    const identify = (d && typeof d === 'object' ? d : {}) as Json;
    if (identify.token !== this.hooks.token) {
      conn.ws.close(4004, 'Authentication failed.');
      return;
    }
    const refusal = this.hooks.refuseIdentify(identify);
    if (refusal) {
      conn.ws.close(refusal.code, refusal.reason);
      return;
    }
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents: typeof identify.intents === 'number' ? identify.intents : 0,
      seq: 0,
      log: [],
      connection: conn,
      identify,
    };
    this.sessions.set(session.id, session);
    this.activeSession = session;
    this.shardSessions.set(shardIdOf(session), session);
    conn.session = session;
    conn.state = 'ready';
    conn.kind = 'identify';
    this.dispatchTo(session, 'READY', this.hooks.buildReady(session));
    this.hooks.afterReady(session);
  }

  private onResume(conn: GatewayConnection, d: unknown): void {
    if (conn.state === 'ready') {
      conn.ws.close(4005, 'Already authenticated.');
      return;
    }
    const resume = (d && typeof d === 'object' ? d : {}) as Json;
    if (resume.token !== this.hooks.token) {
      conn.ws.close(4004, 'Authentication failed.');
      return;
    }
    const session = typeof resume.session_id === 'string' ? this.sessions.get(resume.session_id) : undefined;
    const seq = typeof resume.seq === 'number' ? resume.seq : -1;
    if (!session || seq < 0 || seq > session.seq) {
      this.send(conn, { op: Op.InvalidSession, d: false });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== conn) previous.ws.close(4009, 'Session resumed elsewhere.');
    session.connection = conn;
    this.activeSession = session;
    this.shardSessions.set(shardIdOf(session), session);
    conn.session = session;
    conn.kind = 'resume';
    for (const entry of session.log) {
      if (entry.s > seq) this.send(conn, { op: Op.Dispatch, s: entry.s, t: entry.t, d: entry.d });
    }
    conn.state = 'ready';
    this.dispatchTo(session, 'RESUMED', null);
  }

  /** Records the dispatch in the session log and sends it if the session has a live socket; otherwise it waits for a RESUME. */
  dispatchTo(session: GatewaySession, t: string, d: unknown): DispatchRecord {
    const entry: DispatchRecord = { s: ++session.seq, t, d };
    session.log.push(entry);
    const conn = session.connection;
    if (conn && conn.state === 'ready') this.send(conn, { op: Op.Dispatch, s: entry.s, t, d });
    else this.hooks.log(`gateway: ${t} s=${entry.s} buffered (no live connection)`);
    this.hooks.notify();
    return entry;
  }

  dispatch(t: string, d: unknown): DispatchRecord {
    if (!this.activeSession) throw new Error(`Discord emulator: cannot dispatch ${t}, no client has identified yet`);
    return this.dispatchTo(this.activeSession, t, d);
  }

  sendRaw(payload: GatewayPayload | string | Json): void {
    const conn = this.liveConnection;
    if (!conn) throw new Error('Discord emulator: sendRaw needs a live gateway connection');
    this.send(conn, typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  /** Closes the live socket. Code 4000 (unknown error) makes @discordjs/ws resume; 1000 makes it re-identify; `abrupt` kills TCP (client sees 1006 and resumes). */
  dropConnection(opts: { code?: number; abrupt?: boolean; shard?: number } = {}): Promise<void> {
    const conn =
      opts.shard !== undefined
        ? (this.shardSessions.get(opts.shard)?.connection ?? null)
        : (this.activeSession?.connection ?? [...this.connections].reverse().find((c) => c.state !== 'closed'));
    if (!conn || conn.state === 'closed') return Promise.resolve();
    return new Promise<void>((resolve) => {
      conn.ws.once('close', () => resolve());
      if (opts.abrupt) conn.ws.terminate();
      else conn.ws.close(opts.code ?? 4000, 'Emulator dropped the connection');
    });
  }

  /** Op 9. `resumable: false` also forgets the session, like Discord does. */
  invalidateSession(resumable = false): void {
    const conn = this.liveConnection;
    if (!conn) throw new Error('Discord emulator: no live gateway connection to invalidate');
    if (!resumable && conn.session) {
      this.sessions.delete(conn.session.id);
      conn.session.connection = null;
      conn.state = 'hello';
    }
    this.send(conn, { op: Op.InvalidSession, d: resumable });
  }

  /** Op 7: the client closes with 4200 and resumes on a new socket. */
  requestReconnect(): void {
    const conn = this.liveConnection;
    if (!conn) throw new Error('Discord emulator: no live gateway connection');
    this.send(conn, { op: Op.Reconnect, d: null });
  }

  /** Op 1 from the server: the client must heartbeat immediately. */
  requestHeartbeat(): void {
    const conn = this.liveConnection;
    if (conn) this.send(conn, { op: Op.Heartbeat, d: null });
  }

  async close(): Promise<void> {
    for (const conn of this.connections) {
      if (conn.state !== 'closed') conn.ws.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** URL the client will be told to resume at; a distinct path so tests can tell resumes from fresh connects. */
  resumeUrl(): string {
    return this.hooks.resumeGatewayUrl();
  }
}

/** The shard id a session identified as (0 for an unsharded client). */
export function shardIdOf(session: GatewaySession): number {
  const shard = session.identify.shard;
  return Array.isArray(shard) && typeof shard[0] === 'number' ? shard[0] : 0;
}

/** The shard count a session identified with (1 for an unsharded client). */
export function shardCountOf(session: GatewaySession): number {
  const shard = session.identify.shard;
  return Array.isArray(shard) && typeof shard[1] === 'number' ? shard[1] : 1;
}
