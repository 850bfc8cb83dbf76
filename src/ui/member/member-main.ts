/**
 * The member page (the join link, #join=CODE): this device joins the session as a node and runs its stages with
 * onnxruntime-web in a Web Worker; the page shows what it does. Loaded on its own, without the lab's views.
 */
import { mount } from 'svelte';
import MemberApp from './MemberApp.svelte';

export function mountMember(target: HTMLElement): void {
  mount(MemberApp, { target, props: { joinUrl: location.href } });
}
