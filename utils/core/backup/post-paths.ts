// Which files of a zip or a picked folder are posts. Apart from the import code, which loads only
// when the user imports: the page needs these few rules to walk a folder before it starts.

export const MARKDOWN_EXTENSIONS = /\.(?:md|markdown|mdown|mkd|mkdn)$/i;
// Folders of a site or vault that never hold posts.
const NOT_POSTS = /(?:^|\/)(?:__MACOSX|\.[^/]*|_site|node_modules|_layouts|_includes)\//;

export const isMarkdownName = (name: string) => MARKDOWN_EXTENSIONS.test(name);
export const isZipName = (name: string) => /\.zip$/i.test(name);

/** Whether a path inside a zip or a picked folder names a post to read (a site's other files are passed over). */
export const isPostPath = (path: string) => isMarkdownName(path) && !NOT_POSTS.test(path);

/** Whether a folder at this path may hold posts (`_site`, `.git` and the like never do). */
export const mayHoldPosts = (folderPath: string) => !NOT_POSTS.test(`${folderPath}/`);
