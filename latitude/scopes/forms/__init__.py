"""Shapes of the scope pages' inputs. Forms check shape only; the actions decide."""
