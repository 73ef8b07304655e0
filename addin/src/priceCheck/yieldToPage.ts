// Lets the page breathe between slices of work (paint, a click on 取消). A message-channel task rather
// than setTimeout(0), which browsers clamp to 4 ms once timers nest: dozens of slices would add up.
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
