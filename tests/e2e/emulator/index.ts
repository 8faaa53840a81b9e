export {
  DiscordEmulator,
  startDiscordEmulator,
  type AutocompleteInput,
  type ButtonClickInput,
  type CallbackRecord,
  type ClientOptionsInput,
  type EmulatorOptions,
  type GuildInput,
  type GuildRecord,
  type InteractionHandle,
  type InteractionReply,
  type InteractionView,
  type MessageHandle,
  type MessageInput,
  type SlashCommandInput,
  type SlashOptions,
  type WaitOptions,
} from './emulator.ts';
export type { DispatchRecord, GatewayConnection, GatewayPayload, ReceivedFrame } from './gateway.ts';
export type { ApiMessage, Json, UserInput } from './payloads.ts';
export type { RecordedFile, RecordedRequest } from './rest.ts';
