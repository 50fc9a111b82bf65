export { ProfileSearch, FACETS, type Facet, type Filters, type SearchQuery, type SearchResult } from './profile-search.ts';
export { normalizeTerm, tokenize } from './normalize.ts';
export { saveSearchIndex, openSearchIndex, loadSearchIndex, SearchCatchUp } from './persist.ts';
