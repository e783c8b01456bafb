import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey, Vars } from '../i18n.ts';

export type Translate = (key: MessageKey, vars?: Vars) => string;
export const I18nContext = createContext<Translate>((key) => key);
export const useT = (): Translate => useContext(I18nContext);
