import { createContext, useContext } from 'react';

/** The configured signal sources, offered by the "Signal received" block's Source list. */
export const SignalSourceOptions = createContext<readonly { id: string; name: string }[]>([]);

export const useSignalSourceOptions = () => useContext(SignalSourceOptions);
