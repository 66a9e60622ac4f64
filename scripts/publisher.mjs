// The publisher details of the packaged visual (who made it, where to get help), kept in ONE
// place a council's MI team fills in: visual/publisher.json (or the file `--publisher` names).
// pbiviz.json holds everything else; `npm run package` merges the two into .tmp/pbiviz.json
// and packages from that. A release build refuses the shipped placeholders.
import { readFileSync } from 'node:fs';

/** Hosts reserved for examples (RFC 2606): never in a package a council ships. */
const EXAMPLE_HOST = /(^|[.@/])example\.(org|com|net)([/:]|$)/i;
const PLACEHOLDER_NAME = /^\s*$|placeholder|your council/i;
const HTTPS = /^https:\/\/[^\s/]+\.[^\s]+$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads and checks the file's shape: author.name, author.email, supportUrl, gitHubUrl (may be ""). */
export function readPublisher(path) {
  let data;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error.code === 'ENOENT' ? 'not found' : `not valid JSON (${error.message})`}`);
  }
  const publisher = {
    author: { name: String(data?.author?.name ?? ''), email: String(data?.author?.email ?? '') },
    supportUrl: String(data?.supportUrl ?? ''),
    gitHubUrl: String(data?.gitHubUrl ?? ''),
  };
  const problems = shapeProblems(publisher);
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return publisher;
}

function shapeProblems({ author, supportUrl, gitHubUrl }) {
  const problems = [];
  if (author.name.trim() === '') problems.push('author.name is empty');
  if (!EMAIL.test(author.email)) problems.push('author.email is not an email address');
  if (!HTTPS.test(supportUrl)) problems.push('supportUrl is not an https:// address');
  if (gitHubUrl !== '' && !HTTPS.test(gitHubUrl)) problems.push('gitHubUrl is neither empty nor an https:// address');
  return problems;
}

/** The fields still holding the shipped placeholders (example.org addresses, a placeholder name). */
export function placeholderFields({ author, supportUrl, gitHubUrl }) {
  const fields = [];
  if (PLACEHOLDER_NAME.test(author.name)) fields.push('author.name');
  if (EXAMPLE_HOST.test(author.email)) fields.push('author.email');
  if (EXAMPLE_HOST.test(supportUrl)) fields.push('supportUrl');
  if (EXAMPLE_HOST.test(gitHubUrl)) fields.push('gitHubUrl');
  return fields;
}

/** pbiviz.json with the publisher's details in the places pbiviz reads them. */
export function withPublisher(manifest, publisher) {
  return {
    ...manifest,
    visual: { ...manifest.visual, supportUrl: publisher.supportUrl, gitHubUrl: publisher.gitHubUrl },
    author: { name: publisher.author.name, email: publisher.author.email },
  };
}
