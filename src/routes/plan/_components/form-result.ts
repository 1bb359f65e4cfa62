/** What a plan form action returned, as the page sees it (success or failure alike). */
export interface PlanFormResult {
	action: string;
	target?: string;
	done?: boolean;
	stale?: boolean;
	errors?: Record<string, string>;
	values?: Record<string, string>;
}
