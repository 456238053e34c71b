// Live changes from the service (server-sent events fed by the PostgreSQL notices every replica hears),
// read with fetch so the bearer token goes in a header, never in a URL. Reconnects by itself; after a
// gap it asks for a resync, as events may have been missed meanwhile.

export function listen(token, onEvent, signal) {
  let delay = 1000;
  let first = true;
  const run = async () => {
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/v1/moderation/events', {
          headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' }, signal,
        });
        if (response.status === 401 || response.status === 403) {
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error('stream ' + response.status);
        }
        if (!first) {
          onEvent('resync', {});
        }
        first = false;
        delay = 1000;
        await read(response.body, onEvent);
      } catch (e) {
        if (signal.aborted) {
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  };
  run();
}

async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let name = 'message';
      const data = [];
      block.split(/\r?\n/).forEach((line) => {
        if (line.startsWith('event:')) {
          name = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).trimStart());
        }
      });
      if (data.length) {
        try {
          onEvent(name, JSON.parse(data.join('\n')));
        } catch (e) {
          // not ours: ignore
        }
      }
    }
  }
}
