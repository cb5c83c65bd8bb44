/**
 * The URLs `dist/main.js` prints once both listeners are up (`  HTTPS  https://...` and `  MQTT   mqtt://...`),
 * read back from what it wrote so far; `undefined` until both lines are there. For programs that start the server
 * as a process of its own and need its ports (tests, the bench).
 */
export function listeningUrls(printed: string): { readonly httpsUrl: string; readonly mqttUrl: string } | undefined {
  const httpsUrl = /^\s*HTTPS\s+(https:\/\/\S+)/m.exec(printed)?.[1];
  const mqttUrl = /^\s*MQTT\s+(mqtt:\/\/\S+)/m.exec(printed)?.[1];
  return httpsUrl === undefined || mqttUrl === undefined ? undefined : { httpsUrl, mqttUrl };
}
