/** Forty items made in memory: the page's "data", without a database. */
export const load = () => ({
	items: Array.from({ length: 40 }, (_, i) => ({ id: i + 1, title: `Delmål nummer ${i + 1}`, done: i % 3 === 0 }))
});
