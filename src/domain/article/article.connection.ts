import type { Page } from "../pagination/connection";
import { Article, ArticleConnection, ArticleEdge, type ArticleRow } from "./article.type";

/** Wraps a page of article rows into the GraphQL connection; `countAll` runs only if `totalCount` is asked for. */
export function articleConnection(page: Page<ArticleRow>, countAll: () => Promise<number>): ArticleConnection {
  const connection = new ArticleConnection();
  connection.edges = page.items.map((row, i) => {
    const edge = new ArticleEdge();
    edge.cursor = page.cursors[i];
    edge.node = Article.fromRow(row);
    return edge;
  });
  connection.pageInfo = page.pageInfo;
  connection.countAll = countAll;
  return connection;
}
