import { mount } from 'svelte';
import App from './App.svelte';
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
const lab = new LabState();
window.seiferLab = lab.hooks();
mount(App, { target, props: { lab } });
