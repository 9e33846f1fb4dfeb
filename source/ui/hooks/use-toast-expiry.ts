// Toasts leave on their own: info after a few seconds, errors a little later.
import {useEffect, type Dispatch} from 'react';
import type {Action} from '../model/reducer.js';
import type {Toast} from '../model/state.js';

export function useToastExpiry(toast: Toast | undefined, dispatch: Dispatch<Action>): void {
	useEffect(() => {
		if (!toast) return;
		const timer = setTimeout(() => dispatch({type: 'toast-expired', id: toast.id}), toast.level === 'info' ? 4000 : 8000);
		return () => clearTimeout(timer);
	}, [toast, dispatch]);
}
