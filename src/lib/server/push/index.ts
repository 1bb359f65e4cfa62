export { sendMeetingNotice, pushToPerson, meetingNotice, type NoticeResult } from './send';
export { vapidPublicKey, vapidDetails } from './vapid';
export {
	saveSubscription,
	removeSubscription,
	subscriptionsOf,
	subscriptionSchema,
	unsubscribeSchema,
	isAllowedPushEndpoint
} from './subscriptions';
