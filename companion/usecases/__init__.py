"""The use cases between the views (and the command line) and the store: plain data in and out.

The app and the command line list, review, resume, close, summarise, export and delete stored
interviews through these functions; no query is built above this layer and no ORM object
leaves it. Each function that touches the database takes the :class:`~models.store.Store`
(or an open database session, for a step that runs on the store's serial writer); the slow
steps (building a summary, rendering a PDF or DOCX, writing a file) take none, so the app runs
them on a thread of their own, never on the writer's or the UI's.
"""
