// Loaded after the first frame (React.lazy): the profile store, the session and the Explorer with everything it
// imports (engine, probes, catalog, profile store, zod) only arrive here, so they never delay the first frame.
import type {Key} from 'ink';
import React, {useState} from 'react';
import {loadCatalog} from '../catalog/catalog.js';
import type {ProfileChoice} from '../targets/choose-profile.js';
import {ProfileStore} from '../targets/profiles.js';
import {Explorer} from './Explorer.js';
import type {ExplorerStore} from './model/store.js';
import {ChildBackend} from './host/child-backend.js';
import {Session} from './session.js';

export type ExplorerEntryProps = {
	choice: ProfileChoice;
	/** Check files from this folder instead of the built-in ones. */
	checksDirectory?: string;
	explorerStore: ExplorerStore;
	onExit: (code: number) => void;
	onResize?: () => void;
	/** Hands the session to the caller at once, so any way out can stop its runs and simulators. */
	onSession: (session: Session) => void;
	/** A profile store that cannot be read is a configuration error, reported on the normal screen. */
	onFatal: (error: unknown) => void;
	/** Keys pressed on the starting screen. */
	earlyKeys?: Array<[string, Key]>;
};

type Runtime = {store: ProfileStore; session: Session} | {error: unknown};

export default function ExplorerEntry(props: ExplorerEntryProps) {
	const [runtime] = useState<Runtime>(() => {
		try {
			const store = new ProfileStore();
			const session = new Session(new ChildBackend({checksDirectory: props.checksDirectory}));
			props.onSession(session);
			return {store, session};
		} catch (error) {
			queueMicrotask(() => props.onFatal(error));
			return {error};
		}
	});
	if ('error' in runtime) return null;
	const {checksDirectory} = props;
	return <Explorer choice={props.choice} loadCatalog={checksDirectory ? () => loadCatalog(checksDirectory) : undefined} store={runtime.store} session={runtime.session} explorerStore={props.explorerStore} onExit={props.onExit} onResize={props.onResize} earlyKeys={props.earlyKeys} />;
}
