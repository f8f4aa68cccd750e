import type { Page } from "../pagination/connection";
import { Article, ArticleConnection, ArticleEdge, type ArticleRow } from "./article.type";

/**
 * Wraps a page of article rows into the GraphQL connection; `countAll` runs only if `totalCount` is asked for.
 *
 * @param scope the filter the list applies (for facets), or null when facets are not offered
 * @param search the search text the rows were found by (for `rank`/`highlight`), or null
 */
export function articleConnection(
  page: Page<ArticleRow & { rank?: number | null }>,
  countAll: () => Promise<number>,
  scope: unknown = null,
  search: string | null = null,
): ArticleConnection {
  const connection = new ArticleConnection();
  connection.edges = page.items.map((row, i) => {
    const edge = new ArticleEdge();
    edge.page = page;
    edge.index = i;
    edge.node = Article.fromRow(row);
    edge.rank = search ? (row.rank ?? 0) : null;
    edge.search = search;
    return edge;
  });
  connection.pageInfo = page.pageInfo;
  connection.countAll = countAll;
  connection.scope = scope;
  return connection;
}
