// Request verification and the JSON → InteractionInput mapping, without a server.
import { describe, expect, it } from 'vitest';
import { toInteractionInput } from '../../bot/http/input.ts';
import { publicKeyFromHex, verifyDiscordSignature } from '../../bot/http/signature.ts';
import { keyPair, signedHeaders } from './helpers.ts';

describe('Ed25519 request signatures', () => {
  const pair = keyPair();
  const key = publicKeyFromHex(pair.publicKeyHex);
  const body = Buffer.from('{"type":1}');
  const now = 1_700_000_000;

  it('accepts Discord-style signatures over timestamp + body and refuses everything else', () => {
    const h = signedHeaders(pair.privateKey, body.toString(), now);
    const verify = (over: Partial<Parameters<typeof verifyDiscordSignature>[0]>) =>
      verifyDiscordSignature({ key, signature: h['x-signature-ed25519'], timestamp: h['x-signature-timestamp'], body, nowSeconds: now, ...over });
    expect(verify({})).toEqual({ ok: true });
    expect(verify({ body: Buffer.from('{"type":2}') })).toEqual({ ok: false, reason: 'invalid' });
    expect(verify({ timestamp: String(now + 1) })).toEqual({ ok: false, reason: 'invalid' });
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verify({ signature: ['a', 'b'] })).toEqual({ ok: false, reason: 'missing' });
    expect(verify({ signature: 'zz' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verify({ nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ nowSeconds: now - 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ key: publicKeyFromHex(keyPair().publicKeyHex) })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a public key that is not 32 bytes of hex', () => {
    expect(() => publicKeyFromHex('abcd')).toThrow(/64 hex/);
  });
});

describe('interaction JSON → InteractionInput', () => {
  it('reads a guild slash command, an autocomplete, a button and a modal submit', () => {
    const base = { id: '1', token: 't', channel_id: '5', channel: { id: '5', type: 0 }, guild_id: '9', locale: 'zh-CN', app_permissions: '2048', member: { user: { id: '7' }, permissions: '8' } };
    const cmd = toInteractionInput({ ...base, type: 2, data: { name: 'count', options: [{ name: 'status', type: 3, value: 'postponed' }] } });
    expect(cmd).toMatchObject({ kind: 'command', name: 'count', options: { status: 'postponed' }, userId: '7', guildId: '9', isDM: false, memberPermissions: '8', appPermissions: '2048', locale: 'zh-CN' });
    const ac = toInteractionInput({ ...base, type: 4, data: { name: 'dept', options: [{ name: 'department', type: 3, value: '法', focused: true }] } });
    expect(ac?.focused).toEqual({ name: 'department', value: '法' });
    const button = toInteractionInput({ ...base, type: 3, message: { id: '11' }, data: { custom_id: 'pg:x', component_type: 2 } });
    expect(button).toMatchObject({ kind: 'button', customId: 'pg:x', componentType: 'button', messageId: '11' });
    const modal = toInteractionInput({ id: '2', type: 5, user: { id: '8' }, channel: { id: '6', type: 11, parent_id: '4' }, data: { custom_id: 'fb:1', components: [{ type: 1, components: [{ type: 4, custom_id: 'note', value: 'hi' }] }] } });
    expect(modal).toMatchObject({ kind: 'modal', fields: { note: 'hi' }, userId: '8', isDM: true, isThread: true, parentChannelId: '4' });
    expect(toInteractionInput({ type: 99 })).toBeNull();
    // Wrong shapes become "no value", never a throw.
    expect(toInteractionInput({ type: 2, data: { options: 'x' }, member: 5 })).toMatchObject({ kind: 'command', name: null, options: {}, userId: '0' });
  });
});
