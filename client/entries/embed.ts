import { CgBoard } from '../board/cg-board'

/**
 * The script partner pages load (`<script type="module" src="PUBLIC_URL/embed.js">`, which imports
 * this bundle): it defines `<cg-board board-id token server>`. The board does the rest itself,
 * including a group link's token (it asks the visitor's name, then joins with it).
 */
export { CgBoard }
