/**
 * A stand-in for the Web Speech API (headless Chromium has no voices): records what is spoken,
 * and finishes a sentence only when the test says so, as a voice would after reading it.
 */
export interface Spoken {
	text: string;
	lang: string;
	voice: string | null;
}

class Utterance {
	lang = '';
	voice: SpeechSynthesisVoice | null = null;
	onend: (() => void) | null = null;
	constructor(readonly text: string) {}
}

export class FakeSpeech {
	spoken: Spoken[] = [];
	cancelled = 0;
	#voices: Array<{ lang: string; name: string }>;
	#reading: Utterance[] = [];
	#listeners = new Set<() => void>();

	constructor(voices: Array<{ lang: string; name: string }>) {
		this.#voices = voices;
	}

	/** Puts this engine in place of the browser's; returns what puts the browser's back. */
	install(): () => void {
		const names = ['speechSynthesis', 'SpeechSynthesisUtterance'] as const;
		const own = names.map((name) => Object.getOwnPropertyDescriptor(window, name));
		Object.defineProperty(window, 'speechSynthesis', { value: this, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
		return () =>
			names.forEach((name, i) => {
				const original = own[i];
				if (original) Object.defineProperty(window, name, original);
				else delete (window as unknown as Record<string, unknown>)[name];
			});
	}

	/** The device's voices change (one installed or removed): the page hears `voiceschanged`. */
	setVoices(voices: Array<{ lang: string; name: string }>) {
		this.#voices = voices;
		for (const listener of this.#listeners) listener();
	}

	/** The voice reaches the end of the sentence it is reading. */
	finishSentence() {
		this.#reading.shift()?.onend?.();
	}

	getVoices() {
		return this.#voices as unknown as SpeechSynthesisVoice[];
	}
	speak(utterance: Utterance) {
		this.spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name ?? null });
		this.#reading.push(utterance);
	}
	cancel() {
		this.cancelled++;
		// Some engines still end the sentence they were reading when cancelled.
		for (const utterance of this.#reading.splice(0)) utterance.onend?.();
	}
	addEventListener(type: string, listener: () => void) {
		if (type === 'voiceschanged') this.#listeners.add(listener);
	}
	removeEventListener(type: string, listener: () => void) {
		if (type === 'voiceschanged') this.#listeners.delete(listener);
	}
}
