"""The quality-assurance screens in the window: the Review menu (each entry offered to the
roles that may use it), the reviewer's page, the unit's figures, the caseworker's feedback, and
the start page's banner when a reviewer has sent feedback not yet read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from companion.usecases import review
from ui.jobs import Jobs
from ui.pages.feedback_page import FeedbackPage
from ui.pages.figures_page import FiguresPage
from ui.pages.review_page import ReviewPage
from ui.pages.start_page import StartPage
from ui.review_flow import ReviewFlow
from ui.store_bridge import StoreBridge
from ui.view_options import add_action


class ReviewScreens(QObject):
    """Builds the review pages into ``pages`` and the Review menu into ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        pages: QStackedWidget,
        start_page: StartPage,
        bridge: Callable[[], StoreBridge | None],
        jobs: Jobs,
        ask_path: Callable[[str, str], str],
        on_failure: Callable[[object], None],
    ) -> None:
        super().__init__(window)
        self._pages, self._start_page = pages, start_page
        self.flow = ReviewFlow(bridge, jobs, ask_path, on_failure, self)
        self.review_page = ReviewPage()
        self.figures_page = FiguresPage()
        self.feedback_page = FeedbackPage()
        for page in (self.review_page, self.figures_page, self.feedback_page):
            pages.addWidget(page)
            page.sig_back.connect(self.back_to_start)
        self._wire_reviewer()
        self._wire_figures()
        self._wire_feedback()
        menu = window.menuBar().addMenu("Revie&w")
        self.reviewing_action = add_action(
            self, menu, "Interviews to &review…", "", self.show_reviewing
        )
        self.figures_action = add_action(self, menu, "Unit &figures…", "", self.show_figures)
        self.feedback_action = add_action(
            self, menu, "Feedback on my &interviews…", "", self.show_feedback
        )
        self._allow(None)
        self.flow.sig_access.connect(self._allow)
        start_page.sig_feedback.connect(self.show_feedback)
        pages.currentChanged.connect(self._page_shown)

    def start(self) -> None:
        """Ask who is connected (the menu follows), then for feedback to read."""
        self.flow.check_access()

    # -- wiring -----------------------------------------------------------------------------
    def _wire_reviewer(self) -> None:
        flow, page = self.flow, self.review_page
        page.sig_refresh.connect(flow.list_samples)
        page.sig_open.connect(flow.open_case)
        page.sig_save.connect(flow.save)
        flow.sig_samples.connect(page.show_samples)
        flow.sig_case.connect(page.show_case)
        flow.sig_saved.connect(page.show_review)
        flow.sig_save_refused.connect(page.show_error)

    def _wire_figures(self) -> None:
        flow, page = self.flow, self.figures_page
        page.sig_show.connect(flow.figures)
        page.sig_save.connect(self._save_figures)
        flow.sig_figures.connect(page.show_figures)
        flow.sig_figures_problem.connect(page.show_problem)
        flow.sig_written.connect(page.show_problem)

    def _wire_feedback(self) -> None:
        flow, page = self.flow, self.feedback_page
        page.sig_seen.connect(flow.mark_seen)
        page.sig_reply.connect(flow.reply)
        flow.sig_replied.connect(lambda _comment: page.replied())
        flow.sig_reply_refused.connect(page.show_error)
        flow.sig_feedback.connect(self._got_feedback)

    def _allow(self, access: review.Access | None) -> None:
        for action, role in (
            (self.reviewing_action, review.REVIEWER),
            (self.figures_action, review.LEAD),
            (self.feedback_action, review.CASEWORKER),
        ):
            action.setEnabled(access is not None and access.can(role))

    # -- the pages --------------------------------------------------------------------------
    def _show(self, page: QWidget) -> None:
        self._pages.setCurrentWidget(page)

    def back_to_start(self) -> None:
        """Back to the start page."""
        self._show(self._start_page)

    def show_reviewing(self) -> None:
        """The reviewer's page, its list read again."""
        self._show(self.review_page)
        self.flow.list_samples()

    def show_figures(self) -> None:
        """The unit's figures."""
        self._show(self.figures_page)

    def show_feedback(self) -> None:
        """The caseworker's feedback, read again."""
        self._show(self.feedback_page)
        self.flow.check_feedback()

    def _page_shown(self, _index: int) -> None:
        if self._pages.currentWidget() is self._start_page:
            self.flow.check_feedback()

    def _got_feedback(self, feedback: list[review.Feedback]) -> None:
        self._start_page.show_feedback_count(sum(1 for f in feedback if f.unseen))
        self.feedback_page.show_feedback(feedback)

    def _save_figures(self, form: str) -> None:
        figures = self.figures_page.figures
        if figures is not None:
            self.flow.save_figures(figures, form)
