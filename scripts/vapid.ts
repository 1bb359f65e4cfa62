/**
 * Prints a new VAPID key pair for Web Push, for the environment of every app server:
 *
 *     npx tsx scripts/vapid.ts
 *
 * Keep the private key secret (a secret store, never the repository). Changing the keys ends
 * every push subscription: browsers subscribe again on their next visit to the meetings page.
 */
import webpush from 'web-push';

const { publicKey, privateKey } = webpush.generateVAPIDKeys();
console.log(`VAPID_PUBLIC_KEY=${publicKey}`);
console.log(`VAPID_PRIVATE_KEY=${privateKey}`);
console.log('VAPID_SUBJECT=mailto:drift@kommune.dk   # a contact address of whoever runs the service');
