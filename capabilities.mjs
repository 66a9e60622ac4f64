// pbiviz reads the root capabilities for its feature report; the visual's own file lives in visual/.
import { readFileSync } from 'node:fs';

export default JSON.parse(readFileSync(new URL('./visual/capabilities.json', import.meta.url), 'utf8'));
