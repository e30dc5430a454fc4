import { Config } from '../config/config';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { ApplicationEventStore, createKeyStore, createRawEventStore } from '../infrastructure/stores';
import { SealingEventStore } from './sealing-event-store';

/** The application's event store over the stored log: personal data sealed on append and opened on read. */
export const sealPersonalData: ApplicationEventStore = (stored, keys) => new SealingEventStore(stored, keys);

/**
 * The event store the application reads and writes, for the command-line tools
 * (the service gets it from StoresModule). What is stored (for verifying hash
 * chains) is read from createRawEventStore.
 */
export async function createEventStore(config: Config): Promise<EventStore> {
  const raw = await createRawEventStore(config);
  try {
    return sealPersonalData(raw, await createKeyStore(config));
  } catch (error) {
    await raw.close();
    throw error;
  }
}
