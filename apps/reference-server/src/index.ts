export { listeningUrls } from './banner.js';
export { parseConfig, type ServerConfig, testConfig } from './config.js';
export { DEMO_DEVICES, type Device } from './devices.js';
export { type RunningServer, type StartOptions, startReferenceServer, type Violation } from './server.js';
export { SqliteFeedStore } from './sqlite-store.js';
export { type FeedRecord, type FeedStore, InMemoryFeedStore, type PutOutcome } from './store.js';
