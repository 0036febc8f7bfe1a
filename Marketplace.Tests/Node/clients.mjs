// Real Node clients of a running server: a legacy client on the `ws` package and a browser-style client on
// @microsoft/signalr share one channel. Run by NodeClientTests with the server's address; prints one JSON line
// of what it saw and exits 0, or prints the failure and exits 1. The test kills it if it hangs.
import WebSocket from 'ws';
import * as signalR from '@microsoft/signalr';

const [, , baseUrl, channel] = process.argv;

function fail(error) {
  console.error(error.stack ?? String(error));
  process.exit(1);
}

function expect(condition, what) {
  if (!condition) {
    throw new Error(`expected ${what}`);
  }
}

// Frames arrive in a queue; each must hold exactly one JSON object.
function legacyClient(url) {
  const socket = new WebSocket(url);
  const frames = [];
  const waiting = [];
  socket.on('message', (data, isBinary) => {
    expect(!isBinary, 'text frames');
    const frame = JSON.parse(data.toString('utf8'));
    expect(frame !== null && typeof frame === 'object' && !Array.isArray(frame), 'one JSON object per frame');
    const waiter = waiting.shift();
    if (waiter) waiter(frame); else frames.push(frame);
  });
  const next = () => frames.length > 0
    ? Promise.resolve(frames.shift())
    : new Promise((resolve) => waiting.push(resolve));
  const opened = new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, next, opened, send: (request) => socket.send(JSON.stringify(request)) };
}

async function main() {
  const legacy = legacyClient(baseUrl.replace(/^http/, 'ws') + '/ws');
  await legacy.opened;

  legacy.send({ action: 'ping', id: 'n1' });
  const pong = await legacy.next();
  expect(pong.type === 'pong' && pong.id === 'n1', 'a pong echoing the id');

  const hub = new signalR.HubConnectionBuilder()
    .withUrl(baseUrl + '/hubs/marketplace')
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  const hubNotifications = [];
  const hubReceived = new Promise((resolve) => hub.on('notification', (notification) => {
    hubNotifications.push(notification);
    resolve(notification);
  }));
  await hub.start();

  const subscribed = await hub.invoke('Subscribe', channel);
  expect(subscribed.type === 'subscribed' && subscribed.channel === channel, 'the hub to subscribe');
  legacy.send({ action: 'subscribe', channel });
  expect((await legacy.next()).type === 'subscribed', 'the legacy client to subscribe');

  legacy.send({ action: 'notify', channel, payload: { from: 'ws' } });
  const own = await legacy.next();
  const ack = await legacy.next();
  expect(own.type === 'notification' && own.payload.from === 'ws', 'the sender to get its own notification');
  expect(ack.type === 'notify_ack' && ack.channel === channel, 'a notify_ack');
  const crossed = await hubReceived;
  expect(crossed.type === 'notification' && crossed.payload.from === 'ws', 'the hub client to get the ws notify');

  const hubAck = await hub.invoke('Notify', channel, { from: 'signalr' });
  expect(hubAck.type === 'notify_ack', 'the hub Notify to be acknowledged');
  const fromHub = await legacy.next();
  expect(fromHub.type === 'notification' && fromHub.payload.from === 'signalr', 'the ws client to get the hub notify');

  let hubError = '';
  try {
    await hub.invoke('AddProduct', { nombre: 'n', descripcion: 'd', precio: -1 });
  } catch (error) {
    hubError = error.message;
  }
  expect(hubError.includes('validation_failed: precio must not be negative.'), 'a coded hub error');

  await hub.stop();
  legacy.socket.close();
  console.log(JSON.stringify({ pong, own, ack, crossed, fromHub, hubError, hubNotifications: hubNotifications.length }));
}

main().catch(fail);
