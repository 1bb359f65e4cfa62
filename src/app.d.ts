import type { SessionUser, SessionInfo } from '$lib/server/auth/session';
import type { ReadingMode } from '$lib/i18n/languages';
import type { Display } from '$lib/display';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
			/** A 429 refusal: when to try again (ISO) and in how many seconds. */
			retryAt?: string;
			retryAfter?: number;
		}
		interface Locals {
			user: SessionUser | null;
			session: SessionInfo | null;
			lang: string;
			dir: 'ltr' | 'rtl';
			reading: ReadingMode;
			display: Display;
			requestId: string;
		}
		interface PageData {
			lang: string;
			dir: 'ltr' | 'rtl';
			reading: ReadingMode;
		}
	}
}

export {};
