import { mount } from 'svelte';
import App from './App.svelte';
import { readHostLink } from './lab/devices-host';
import { LabState } from './state/lab.svelte';
import type { SeiferLabHooks } from './state/hooks';

declare global {
  interface Window {
    /** Test and automation hooks: scenario(), metrics(), kill(id), revive(id), load(url). */
    seiferLab: SeiferLabHooks;
  }
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
if (/^#join=/.test(location.hash)) {
  // a join link: this device becomes a member of a session (a small page of its own, loaded on its own)
  void import('./member/member-main').then(({ mountMember }) => mountMember(target));
} else {
  const lab = new LabState();
  // the host link `seifer-lab serve` printed: host that session in devices mode (the token leaves the address bar)
  const hostLink = readHostLink(location.hash);
  if (hostLink) {
    lab.devices.adopt(hostLink);
    history.replaceState(history.state, '', '#mode=devices');
  }
  window.seiferLab = lab.hooks();
  mount(App, { target, props: { lab } });
}
