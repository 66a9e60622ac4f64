// Types of scripts/publisher.mjs (for the tests that import it).
export interface Publisher {
  author: { name: string; email: string };
  supportUrl: string;
  gitHubUrl: string;
}
export function readPublisher(path: string): Publisher;
export function placeholderFields(publisher: Publisher): string[];
export function withPublisher<T extends { visual: object }>(manifest: T, publisher: Publisher): T & { author: Publisher['author'] };
