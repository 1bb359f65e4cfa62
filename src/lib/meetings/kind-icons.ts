import type { Component } from 'svelte';
import BriefcaseBusiness from '@lucide/svelte/icons/briefcase-business';
import CircleCheckBig from '@lucide/svelte/icons/circle-check-big';
import ClipboardCheck from '@lucide/svelte/icons/clipboard-check';
import Flag from '@lucide/svelte/icons/flag';
import Footprints from '@lucide/svelte/icons/footprints';
import Handshake from '@lucide/svelte/icons/handshake';
import Lightbulb from '@lucide/svelte/icons/lightbulb';
import MessagesSquare from '@lucide/svelte/icons/messages-square';
import Network from '@lucide/svelte/icons/network';
import Users from '@lucide/svelte/icons/users';
import UsersRound from '@lucide/svelte/icons/users-round';
import Video from '@lucide/svelte/icons/video';
import type { MeetingKind } from '../domain';

/** One icon per kind of meeting; always shown next to the kind's name, never alone. */
export const KIND_ICONS: Record<MeetingKind, Component<{ size?: number; 'aria-hidden'?: 'true' }>> = {
	forsamtale: Handshake,
	startsamtale: Flag,
	intro_og_plan: Lightbulb,
	individuel_samtale: MessagesSquare,
	walk_and_talk: Footprints,
	gruppeforloeb: Users,
	netvaerksmoede: Network,
	trepartsmoede: UsersRound,
	opstartsmoede_virksomhed: BriefcaseBusiness,
	opfoelgning: ClipboardCheck,
	video_bostoette: Video,
	afslutningssamtale: CircleCheckBig
};
