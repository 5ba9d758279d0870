/**
 * Sandboxed preload: bundled into one file (sandboxed preloads cannot require modules) that
 * exposes `window.tradewind` = { invoke, subscribe } and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('tradewind', createBridge(ipcRenderer));
